// The HJ 212-2017 codec, the ingest service and the station simulator live here.
