// PostGraphile 5 serving Birge's PostgreSQL database, the peer of
// make bench's load run (bench/load starts it and asks it the directory
// page). It serves the schema PostGraphile derives from the tables, with no
// privacy rules of any kind: every row is readable.
//
//   DATABASE_URL=postgres://... PORT=5678 node --require ./polyfill.cjs server.mjs
import { createServer } from "node:http";
import { postgraphile } from "postgraphile";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";
import { grafserv } from "postgraphile/grafserv/node";

const port = Number(process.env.PORT || 5678);
const pool = Number(process.env.POOL || 20);

const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      schemas: ["public"],
      poolConfig: { max: pool },
    }),
  ],
  grafserv: { graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on("error", (e) => {
  console.error(e);
  process.exit(1);
});
serv.addTo(server).then(() => {
  server.listen(port, "127.0.0.1", () => console.log(`postgraphile ready on 127.0.0.1:${port}`));
});
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, async () => {
    server.close();
    await pgl.release();
    process.exit(0);
  });
}
