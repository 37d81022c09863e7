-- A new address on every request (a filter word the card has not seen), each connection pausing between requests:
-- with one thread and N connections, about N × 1000 / (delay + response time) new addresses a second.
local counter = 0

request = function()
  counter = counter + 1
  return wrk.format("GET", "/programs/jinnan-2025?q=flood" .. counter)
end

delay = function()
  return 18
end
