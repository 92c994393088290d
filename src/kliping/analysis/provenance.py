def event_provenance(arts): return {}
