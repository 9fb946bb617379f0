// Tables of the numbering domain.
export {};
