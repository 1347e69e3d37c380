// The Node consumer: ESM, the package's `node` entry (ready at import, no init).
import * as mcx from "mcx-connect";
import { migrate } from "./migrate.js";

console.log(JSON.stringify(await migrate(mcx, process.argv[2])));
