-- Create index "connection_requester_id_status" to table: "connections"
CREATE INDEX "connection_requester_id_status" ON "connections" ("requester_id", "status");
