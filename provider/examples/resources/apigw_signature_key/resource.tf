# A key the gateway signs backend requests with (HMAC). The secret is write-only.
variable "orders_signing_secret" {
  type      = string
  sensitive = true
  default   = "change-me-at-least-16-chars"
}

resource "apigw_signature_key" "orders" {
  name   = "orders"
  type   = "HMAC"
  key    = "gateway-1"
  secret = var.orders_signing_secret
}
