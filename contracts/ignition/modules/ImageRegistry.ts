// Deploys the ImageSeal registry. It takes no constructor arguments: the EIP-712 name ("ImageSeal")
// and version ("2") are constants in the contract, and there is no owner to set.
//   local:  npx hardhat ignition deploy contracts/ignition/modules/ImageRegistry.ts --network localhost --reset
//   public: see the contract README section "Deploying to a public chain".
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

export default buildModule("ImageRegistryModule", (m) => {
  const imageRegistry = m.contract("ImageRegistry");
  return { imageRegistry };
});
