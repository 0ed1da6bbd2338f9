"""The public portal (公众门户): the pages anyone can read, through the same services as the staff."""
