# A JWT authorizer with a shared HS256 secret. The secret is write-only: the API never returns it.
resource "apigw_authorizer" "jwt" {
  name              = "partner-jwt"
  type              = "JWT"
  cache_ttl_seconds = 60

  identity_sources {
    location = "HEADER"
    name     = "Authorization"
  }

  jwt {
    secret     = "use-a-variable-for-this-secret"
    algorithms = ["HS256"]
    issuer     = "https://login.example.com"
  }
}
