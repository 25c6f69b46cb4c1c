# A custom hostname for a group, served over HTTPS with a certificate that covers it.
resource "apigw_group" "shop" {
  name = "shop"
}

resource "apigw_certificate" "shop" {
  name            = "shop"
  certificate_pem = file("${path.module}/cert.pem")
  private_key_pem = file("${path.module}/key.pem")
}

resource "apigw_domain" "api" {
  group_id        = apigw_group.shop.id
  hostname        = "api.shop.example"
  certificate_id  = apigw_certificate.shop.id
  min_tls_version = "1.2"
}
