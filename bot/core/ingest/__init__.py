"""Files to clean articles: reading, front matter, page-furniture cleaning, passages."""
