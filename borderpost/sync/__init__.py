"""Remote posts that work offline and synchronise with headquarters.

* :mod:`~borderpost.sync.tables`: the one registry of synced record tables.
* :mod:`~borderpost.sync.outbox`: every change to them, written in the same transaction.
* :mod:`~borderpost.sync.client`: the post pushes its outbox and pulls list deltas.
* :mod:`~borderpost.sync.server` / :mod:`~borderpost.sync.apply`: HQ applies batches once each.
* :mod:`~borderpost.sync.deltas`: watchlists, lost/stolen lists and lookouts as deltas.
* :mod:`~borderpost.sync.posts` / :mod:`~borderpost.sync.node`: who the posts are, how they stand.

See ``docs/sync.md``.
"""
