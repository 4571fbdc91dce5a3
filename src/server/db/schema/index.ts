export * from "./users";
export * from "./organisations";
export * from "./athletes";
export * from "./training";
export * from "./invitations";
export * from "./audit";
