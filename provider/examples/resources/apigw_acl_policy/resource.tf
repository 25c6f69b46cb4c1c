# Admits only callers from the office networks (IPv4 and IPv6).
resource "apigw_acl_policy" "office" {
  name   = "office"
  type   = "ALLOW"
  values = ["10.0.0.0/8", "2001:db8::/32"]
}
