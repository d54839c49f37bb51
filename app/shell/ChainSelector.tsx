import { useAppConfig } from "../config/AppConfigContext.tsx";
import { selectChain, useRegistryChain } from "../config/useRegistryChain.ts";

/** Which chain's registry to read; shown only when the build knows more than one. */
export function ChainSelector() {
  const { chains } = useAppConfig();
  const selected = useRegistryChain();
  if (chains.length < 2 || selected === null) return null;
  return (
    <label className="chain-selector">
      <span className="visually-hidden">Chain</span>
      <select value={selected.chain.id} onChange={(event) => selectChain(Number(event.target.value))}>
        {chains.map(({ chain }) => (
          <option key={chain.id} value={chain.id}>
            {chain.name}
          </option>
        ))}
      </select>
    </label>
  );
}
