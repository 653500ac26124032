from checker.claims import claim

C = claim('SIG-LIMIT', 'again')

@C.numeric
def n(ctx):
    return True, {}
