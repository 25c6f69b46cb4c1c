# Looks up a group by name.
data "apigw_group" "shop" {
  name = "shop"
}

output "shop_hostname" {
  value = data.apigw_group.shop.subdomain
}
