"""One Model's detail page: header, findings, versions, sharing, YAML."""
