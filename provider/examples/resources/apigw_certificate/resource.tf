# A TLS certificate and its private key (PEM). The key is write-only: the API never returns it, so
# Terraform keeps the value from the configuration.
resource "apigw_certificate" "shop" {
  name            = "shop"
  certificate_pem = file("${path.module}/cert.pem")
  private_key_pem = file("${path.module}/key.pem")
}
