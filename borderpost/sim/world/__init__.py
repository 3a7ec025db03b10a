"""The synthetic border world: a seeded generator of travellers, documents, movement,
watchlists, smuggling networks, enforcement records and officers, with the truth about each.
"""
