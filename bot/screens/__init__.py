"""Screens: render a flow's result and send it, for steps several topics share.

A handler never imports another handler; when two topics show the same thing (the first
card of a session started from /workout or from a leg-day message, the plan card after
onboarding or after /settings), both call the screen here.
"""
