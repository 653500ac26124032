raise RuntimeError('boom')
