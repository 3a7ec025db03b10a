"""Names: normalisation, script detection, transliteration, phonetic keys and comparison."""
