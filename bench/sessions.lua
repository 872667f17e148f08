-- wrk: whole respondent sessions: get the survey page, read its submission key, post the answers.
-- Each connection alternates the two requests; a session is one page and one post.
local form = os.getenv("FORM")
local path = "/s/" .. os.getenv("TOKEN")
acknowledged = 0
pages = 0
local threads = {}
local keys = {}
local posting = false

function setup(thread)
  table.insert(threads, thread)
end

request = function()
  if posting and #keys > 0 then
    local key = table.remove(keys)
    return wrk.format("POST", path, { ["Content-Type"] = "application/x-www-form-urlencoded" },
      form .. "&submission=" .. key)
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  if status == 200 then
    local key = string.match(body, 'name="submission" value="([^"]+)"')
    if key then
      table.insert(keys, key)
      pages = pages + 1
    end
  elseif status == 302 or status == 303 then
    acknowledged = acknowledged + 1
  end
  posting = not posting
end

function done(summary, latency, requests)
  local total, served = 0, 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("acknowledged")
    served = served + thread:get("pages")
  end
  io.write(string.format("pages=%d acknowledged=%d\n", served, total))
end
