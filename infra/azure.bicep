// Nabij – Azure resources for the `dev` (and later `prod`) environment.
// Deployed by the arm/deploy action in teamsapp.yml; every output below is written to env/.env.{envName}.
// Resources: Linux App Service plan + Node web app (the bot), Azure Bot registration with the
// Microsoft Teams channel, and an Azure Database for PostgreSQL flexible server with database `nabij`.

@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file')
param resourceBaseName string

@description('Client (application) id of the Microsoft Entra app created by botAadApp/create')
param botAadAppClientId string

@secure()
@description('Client secret of that Entra app; passed to the bot as BOT_PASSWORD')
param botAadAppClientSecret string

@description('Tenant of the bot\'s Entra app (the Microsoft 365 tenant). Required for SingleTenant.')
param botTenantId string = subscription().tenantId

@allowed([
  'SingleTenant'
  'MultiTenant'
])
@description('Azure no longer creates new multi-tenant bots (since 31 July 2025): keep SingleTenant for new deployments')
param botAppType string = 'SingleTenant'

@maxLength(42)
param botDisplayName string

param webAppSku string = 'B1'

@description('App Service runtime stack')
param linuxFxVersion string = 'NODE|20-lts'

@description('Administrator login of the PostgreSQL server (not azure_superuser, admin, root, …)')
param postgresAdminLogin string = 'nabijadmin'

@secure()
@minLength(8)
@description('Administrator password of the PostgreSQL server (8–128 chars, three of: upper, lower, digit, symbol)')
param postgresAdminPassword string

@secure()
@description('Encryption keys for notes and free text: "<id>:<32 bytes base64>", newest first (docs/encryption.md)')
param encryptionKeys string

@description('Entra object ids of the first coordinators, comma-separated (docs/team-work.md)')
param coordinators string = ''

@secure()
@description('Optional full connection string for an existing database; leave empty to use the server created here')
param databaseUrl string = ''

param databaseName string = 'nabij'
param serverfarmsName string = resourceBaseName
param webAppName string = resourceBaseName
param botServiceName string = resourceBaseName
param postgresServerName string = '${resourceBaseName}-pg'
param location string = resourceGroup().location

// Azure Database for PostgreSQL flexible server (Burstable B1ms, PostgreSQL 16)

@secure()
@description('Signs letter download links; the same for every instance (generated at first deployment).')
param linkSecret string = '${newGuid()}${newGuid()}'

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: postgresServerName
  location: location
  sku: {
    name: 'Standard_B1ms'
    tier: 'Burstable'
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    authConfig: {
      activeDirectoryAuth: 'Disabled'
      passwordAuth: 'Enabled'
    }
    storage: {
      storageSizeGB: 32
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    network: {
      publicNetworkAccess: 'Enabled'
    }
  }
}

resource postgresDatabase 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// 0.0.0.0 – 0.0.0.0 is Azure's convention for "allow public access from any Azure service within Azure"
resource postgresAllowAzureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

var composedDatabaseUrl = 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=require'

// Compute resources for your Web App (Linux)
resource serverfarm 'Microsoft.Web/serverfarms@2023-12-01' = {
  kind: 'linux'
  location: location
  name: serverfarmsName
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true // required for Linux plans
  }
}

// Web App that hosts your bot
resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  kind: 'app,linux'
  location: location
  name: webAppName
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: linuxFxVersion
      // package.json: "start:prod": "node --import tsx bot/index.ts"
      appCommandLine: 'npm run start:prod'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      appSettings: [
        {
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: '1' // Run Azure App Service from a package file
        }
        {
          name: 'RUNNING_ON_AZURE'
          value: '1'
        }
        {
          // App Service forwards to the container's PORT; the bot binds 127.0.0.1 unless told otherwise.
          name: 'HOST'
          value: '0.0.0.0'
        }
        {
          name: 'NODE_ENV'
          value: 'production'
        }
        {
          // Only this organisation's users get answers.
          name: 'NABIJ_ALLOWED_TENANTS'
          value: botTenantId
        }
        {
          // Letter download links point here.
          name: 'NABIJ_PUBLIC_URL'
          value: 'https://${webAppName}.azurewebsites.net'
        }
        {
          // Shared by every instance, so a download link made by one works on all.
          name: 'NABIJ_LINK_SECRET'
          value: linkSecret
        }
        {
          name: 'BOT_ID'
          value: botAadAppClientId
        }
        {
          name: 'BOT_PASSWORD'
          value: botAadAppClientSecret
        }
        {
          name: 'BOT_TENANT_ID'
          value: botTenantId
        }
        {
          name: 'BOT_TYPE'
          value: botAppType
        }
        {
          name: 'DATABASE_URL'
          value: empty(databaseUrl) ? composedDatabaseUrl : databaseUrl
        }
        {
          name: 'NABIJ_ENCRYPTION_KEYS'
          value: encryptionKeys
        }
        {
          name: 'NABIJ_COORDINATORS'
          value: coordinators
        }
      ]
    }
  }
  dependsOn: [
    postgresDatabase
    postgresAllowAzureServices
  ]
}

// Register your web service as a bot with the Bot Framework
resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  kind: 'azurebot'
  location: 'global'
  name: botServiceName
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: botAadAppClientId
    msaAppType: botAppType
    msaAppTenantId: botAppType == 'SingleTenant' ? botTenantId : ''
  }
}

// Connect the bot service to Microsoft Teams
resource botServiceMsTeamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  location: 'global'
  name: 'MsTeamsChannel'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// The output will be persisted in .env.{envName}. Visit https://aka.ms/teamsfx-actions/arm-deploy for more details.
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output AZURE_POSTGRES_HOST string = postgres.properties.fullyQualifiedDomainName
