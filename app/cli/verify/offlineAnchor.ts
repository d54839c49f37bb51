// `--chain` and `--registry` for a verification with no network: which chain and which registry
// the user expects the bundle to prove, resolved without contacting anything. A chain name or id
// from app/config, or `localhost` (the registry Ignition deployed for `npm start`); never an RPC
// URL — offline there is nobody to ask which chain it serves.
import { type Address, type Chain, getAddress, isAddress } from "viem";
import { publicDeployments } from "../../config/deployments.ts";
import { ChainInputError, localDeployment } from "./resolveChain.ts";

const LOCAL_CHAIN_ID = 31337;

interface OfflineChain {
  chain: Pick<Chain, "id" | "name">;
  registry: Address;
}

export async function resolveOfflineChain(
  chainArg: string,
  registryArg: string | undefined,
  projectRoot: string,
): Promise<OfflineChain> {
  if (registryArg !== undefined && !isAddress(registryArg))
    throw new ChainInputError(`--registry is not an address: "${registryArg}"`);
  const registry = registryArg === undefined ? undefined : getAddress(registryArg);
  if (/^https?:\/\//i.test(chainArg)) {
    throw new ChainInputError(
      "With --bundle nothing is asked over the network: give the chain by name or chain id (e.g. --chain sepolia, --chain 31337), not an RPC URL.",
    );
  }
  if (chainArg === "localhost" || chainArg === String(LOCAL_CHAIN_ID)) {
    const address = registry ?? localDeployment(projectRoot);
    if (address === undefined)
      throw new ChainInputError("No local ImageRegistry deployment is recorded here: pass --registry <address>.");
    return { chain: { id: LOCAL_CHAIN_ID, name: "Hardhat" }, registry: address };
  }
  const { supportedChains } = await import("../../config/chains.ts");
  const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");
  const known = /^\d+$/.test(chainArg)
    ? supportedChains.find((c) => c.id === Number(chainArg))
    : supportedChains.find((c) => squash(c.name) === squash(chainArg));
  const id = known?.id ?? (/^\d+$/.test(chainArg) ? Number(chainArg) : null);
  if (id === null)
    throw new ChainInputError(
      `Unknown chain "${chainArg}": give a chain name from app/config/chains.ts or a chain id.`,
    );
  const address = registry ?? publicDeployments.find((d) => d.chainId === id)?.address;
  if (address === undefined)
    throw new ChainInputError(`No ImageRegistry deployment is known on chain ${id}: pass --registry <address>.`);
  return { chain: { id, name: known?.name ?? `chain ${id}` }, registry: address };
}
