# A load-balanced upstream with an active health check; APIs use it with backend type CHANNEL.
resource "apigw_channel" "orders" {
  name      = "orders"
  algorithm = "ROUND_ROBIN"

  members {
    host = "10.0.0.11"
    port = 8080
  }
  members {
    host   = "10.0.0.12"
    port   = 8080
    weight = 2
  }

  health_check {
    protocol = "HTTP"
    path     = "/healthz"
  }
}
