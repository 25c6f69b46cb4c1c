# apigw developer interface. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help
NODE_MODULES := node_modules/.package-lock.json
export CHECKPOINT_DISABLE := 1

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(NODE_MODULES): package.json service/package.json provider/package.json
	npm install --no-audit --no-fund
	@touch $@

install: $(NODE_MODULES) ## Install npm dependencies

build: $(NODE_MODULES) ## Compile the service
	npm run build -w service

run: build ## Run apigw on the embedded SQLite database, with a ready token and a curl example
	@bash scripts/run.sh

lint: $(NODE_MODULES) ## Type-check and lint everything, check generated files and the OpenAPI document
	npx tsc -p service --noEmit
	npx tsc -p provider --noEmit
	npx eslint service/src provider/src
	npm run -s openapi -w service
	npx redocly lint openapi/openapi.json --format=stylish
	@git diff --exit-code -- openapi/ || (echo "openapi/openapi.json is stale: run 'make docs' and commit it" && exit 1)

test: $(NODE_MODULES) lint ## Run every test (unit, SQLite, PostgreSQL, terraform acceptance); ends with a pass/fail count
	@bash scripts/test.sh

docs: $(NODE_MODULES) ## Regenerate the OpenAPI document
	npm run -s openapi -w service

.PHONY: help install build run lint test docs
