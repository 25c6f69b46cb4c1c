# Looks up an API by group and name.
data "apigw_group" "shop" {
  name = "shop"
}

data "apigw_api" "get_order" {
  group_id = data.apigw_group.shop.id
  name     = "get_order"
}

output "get_order_path" {
  value = data.apigw_api.get_order.request.path
}
