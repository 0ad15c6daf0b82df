// A helper saved under a scenario's name by mistake.
export default function makeScenario(): void {}
