api = None
