# An API group: APIs managed and published together. It answers on {id}.{base-domain}.
resource "apigw_group" "shop" {
  name        = "shop"
  description = "Public shop APIs"
}

output "test_hostname" {
  value = apigw_group.shop.subdomain
}
