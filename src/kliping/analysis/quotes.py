def event_quotes(arts): return []
