-- wrk script for bench_pages: every request asks for its page at an address of its own (an
-- extra parameter the views ignore), so no page is read back whole (relations.kept_pages)
-- and each is rendered, with its counts kept: what a stream of different lists costs.
local sent = 0

request = function()
  sent = sent + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format("GET", wrk.path .. sep .. "unkept=" .. sent .. "-" .. math.random(1e9))
end
