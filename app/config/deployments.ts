// Where ImageRegistry lives on public chains. After `npm run deploy -- --network <name>`
// add the printed line here (address and the block it was deployed in, so log queries
// never scan from genesis) and rebuild the site. The local chain is not listed: `npm start`
// passes its fresh deployment to the site through the environment (app/config/env.ts).
import type { Address } from "viem";

interface PublicDeployment {
  chainId: number;
  address: Address;
  deployedOnBlock: bigint;
}

export const publicDeployments: readonly PublicDeployment[] = [];
