// Loaded only with the wallet chunk: the delegate-key forms, shown only on the connected account's own page.
import type { Address } from "viem";
import type { RegistryChain } from "../../config/chains.ts";
import { useWriteClients } from "../../wallet/useWriteClients.ts";
import { AuthorizeDelegateForm } from "./AuthorizeDelegateForm.tsx";
import { CancelSignatures } from "./CancelSignatures.tsx";

export default function OwnerDelegation({
  registryChain,
  publisher,
}: {
  registryChain: RegistryChain;
  publisher: Address;
}) {
  const wallet = useWriteClients(registryChain);
  if (wallet.address?.toLowerCase() !== publisher.toLowerCase()) return null;
  return (
    <>
      <AuthorizeDelegateForm registryChain={registryChain} publisher={publisher} />
      <CancelSignatures registryChain={registryChain} />
    </>
  );
}
