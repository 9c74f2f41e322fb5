global using Bunit;
