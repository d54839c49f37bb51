// Types for requireNode.mjs, which stays plain JavaScript so that an old Node can run it.
export declare const REQUIRED_NODE: string;
export declare function nodeVersionProblem(version: string): string | null;
