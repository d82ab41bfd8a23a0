"""Finding passages: the tokenizer, vocabulary aliases, the BM25 index and answer-type preferences."""
