import json,sys
for f in sys.argv[1:]:
  a=json.load(open(f));t=a['text']
  print(f, len(t.split()),'words')
  for x in a['attributions']:
    print(x['id'],x['speaker'],repr(t[slice(*x['source_span'])]) if x['source_span'] else None,repr(t[slice(*x['cue_span'])]),x['quote'],x['said'],x['said_basis'][0],x['via'],x['speaker_role'],'||'.join(t[s:e] for s,e in x['content_spans'])[:90])
