-- wrk script for bench_pages: every request asks for its page at an address of its own (an
-- extra parameter the views ignore), so no page is read back whole (relations.kept_pages)
-- and each is rendered, with its counts kept: what a stream of different lists costs.
--
-- The address holds the run's token (the script's first argument, after the URL: `wrk …
-- -s unkept.lua URL -- TOKEN`), the thread and the request's number. Each thread of wrk has
-- a Lua state of its own whose math.random starts from the same seed: addresses made from
-- it alone repeated across threads and runs, and the repeats were read back whole.
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

local prefix = ""
local sent = 0

function init(args)
  prefix = (args[1] or tostring(os.time())) .. "-" .. tostring(thread_number or 0) .. "-"
end

request = function()
  sent = sent + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format("GET", wrk.path .. sep .. "unkept=" .. prefix .. sent)
end
