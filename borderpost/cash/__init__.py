"""Bulk cash at the border (FATF Recommendation 32): jurisdiction profiles as data, dated
exchange rates, the declaration rule, deadlines, offences, the FIU export and cash-courier
detection. The pure modules here never touch a database; the record services
(:mod:`borderpost.cash.records`, :mod:`borderpost.cash.detentions`,
:mod:`borderpost.cash.submissions`) store declarations, detentions and FIU submissions.
"""
