// @peculiar/x509 needs a Reflect metadata polyfill loaded before it (tsyringe). Import x509
// only through this module so the order is guaranteed.
import 'reflect-metadata';
export * from '@peculiar/x509';
