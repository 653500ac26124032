from checker.claims import claim

C = claim('USER-RAISES', 'raises')

@C.numeric
def n(ctx):
    raise ValueError('inside the check')
