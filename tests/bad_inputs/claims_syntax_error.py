from checker.claims import claim
C = claim(
