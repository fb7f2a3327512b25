"""The site: language context, page fragments, charts, building and serving."""
