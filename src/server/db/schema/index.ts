export * from "./users";
export * from "./organizations";
export * from "./athletes";
export * from "./training";
export * from "./invitations";
export * from "./audit";
export * from "./private";
