-- wrk script: GET /api/search with the hi-dev queries, in turn (QUERIES=path/to/queries.tsv).
local queries = {}
for line in io.lines(os.getenv("QUERIES")) do
  local q = line:match("\t(.*)$")
  if q then table.insert(queries, q) end
end
local function enc(s)
  return (s:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local i = 0
request = function()
  i = i % #queries + 1
  return wrk.format("GET", "/api/search?q=" .. enc(queries[i]))
end
