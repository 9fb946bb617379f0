// Tables of the archive domain.
export {};
