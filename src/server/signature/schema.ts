// Tables of the signature domain.
export {};
