-- wrk: posts anonymous answers to a survey's public link, each with its own submission key.
-- FORM and TOKEN come from the environment (bench/survey.sh); acknowledged answers are counted.
local form = os.getenv("FORM")
local path = "/s/" .. os.getenv("TOKEN")
acknowledged = 0
local threads = {}

local function uuid()
  return string.gsub("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", "[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end)
end

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

request = function()
  return wrk.format("POST", path, { ["Content-Type"] = "application/x-www-form-urlencoded" },
    form .. "&submission=" .. uuid())
end

function response(status, headers, body)
  if status == 302 or status == 303 then
    acknowledged = acknowledged + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("acknowledged")
  end
  io.write(string.format("acknowledged=%d\n", total))
end
